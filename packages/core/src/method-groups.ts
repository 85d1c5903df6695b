/**
 * The public methods of a method group, as a client's interface lists them. A method group is an
 * abstract class holding the methods of one API resource, reaching the API through a
 * `protected declare readonly transport: Transport`; it is never instantiated or extended. A
 * client is `class XClient extends BaseClient {}`, an `interface XClient` extending the
 * `MethodsOf` of each group, and the groups' methods copied onto its prototype, so `client.ts`
 * lists every resource the client is made of. Type only: nothing of it is in the bundle.
 */
export type MethodsOf<Group> = Pick<Group, keyof Group>;
