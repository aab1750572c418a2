/** The floor's names: its app-ids, components and topics, apart from the shop's. */
export const FLOOR = {
  apps: {
    edge: 'floor-edge',
    order: 'floor-order',
    book: 'floor-book',
    customer: 'floor-customer',
    delivery: 'floor-delivery',
    center: 'floor-center',
  },
  actorType: 'FloorActor',
  state: 'floorstate',
  orders: 'floororders',
  pubsub: 'floorpubsub',
  ordered: 'FloorOrdered',
  delivered: 'FloorDelivered',
} as const;

export type FloorRole = keyof typeof FLOOR.apps;
export const FLOOR_ROLES = Object.keys(FLOOR.apps) as FloorRole[];

/** Who hears what: the shop's book, customer, delivery and customercenter, and delivery's second event. */
export const SUBSCRIPTIONS: Record<FloorRole, string[]> = {
  edge: [],
  order: [],
  book: [FLOOR.ordered],
  customer: [FLOOR.ordered],
  delivery: [FLOOR.ordered],
  center: [FLOOR.ordered, FLOOR.delivered],
};
