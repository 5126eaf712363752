import type { MethodInput, MethodName, MethodOutput } from '../contract.js';
import type { RouterContext } from '../ports.js';

/** One method's implementation: its input already validated by the contract. */
export type Handler<M extends MethodName> = (input: MethodInput<M>, context: RouterContext) => Promise<MethodOutput<M>>;

/** The handlers of one area (config, archives…), each file owning some of the contract's methods. */
export type HandlerGroup<M extends MethodName> = { [K in M]: Handler<K> };
