import { type ActorHost } from '@bookstore/runtime';
import { ChargeRequest, PAYMENT_ACTOR_TYPE, PAYMENT_METHODS, Paid, Refunded } from '@coffee/contracts';
import { charge, NO_PAYMENT, refund, type Payment } from '../../domain/payment';

/** The PaymentActor (one per order, id = orderId): unpack, call the domain, keep its state, emit its events. */
export function registerPaymentActor(host: ActorHost): ActorHost {
  return host.register({
    type: PAYMENT_ACTOR_TYPE,
    create: ({ id, state, emit }) => ({
      methods: {
        [PAYMENT_METHODS.charge]: async (body) => {
          const request = ChargeRequest.parse(body);
          const result = charge((await state.get<Payment>('payment')) ?? NO_PAYMENT, request);
          state.set('payment', result.next);
          if (result.charged && result.answer.outcome === 'paid')
            emit(Paid, { orderId: id, menuId: request.menuId, qty: request.qty, amount: result.answer.amount }, `${id}-paid`);
          return result.answer;
        },
        [PAYMENT_METHODS.refund]: async () => {
          const result = refund((await state.get<Payment>('payment')) ?? NO_PAYMENT);
          state.set('payment', result.next);
          if (result.refunded) emit(Refunded, { orderId: id, amount: result.answer.amount }, `${id}-refunded`);
          return result.answer;
        },
      },
    }),
  });
}
