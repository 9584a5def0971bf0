// A graphql-js validation rule, the equivalent of graphql-eslint's `require-selections` (formerly
// `require-id-when-available`): every field whose type has an `id` field must select `id`, so normalized caches
// (Apollo's InMemoryCache, Relay's store, urql's Graphcache) can identify the object. Without it Apollo stores the
// object inside its parent instead, a mutation's or subscription's payload never updates it, and `fetchMore` on a
// connection below it does nothing.
//
// `id` counts when it is selected under its own name (not aliased) directly, in an inline fragment without a type
// condition or on the field's own type, or in such a fragment spread (at any depth). For a field of a union or of an
// interface without `id`, each inline fragment on a member type that has `id` must select it itself.
import { GraphQLError, Kind, getNamedType, isAbstractType, isInterfaceType, isObjectType } from 'graphql';

const hasIdField = (type) => (isObjectType(type) || isInterfaceType(type)) && 'id' in type.getFields();

export function RequireIdSelectionsRule(context) {
  const schema = context.getSchema();
  const fragments = new Map(context.getDocument().definitions
    .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]));

  // Whether `selectionSet`, read as a selection on `typeName`, selects `id` for every object of that type.
  const selectsId = (selectionSet, typeName, seen = new Set()) => selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === 'id' && (!selection.alias || selection.alias.value === 'id');
      case Kind.INLINE_FRAGMENT:
        return (!selection.typeCondition || selection.typeCondition.name.value === typeName)
          && selectsId(selection.selectionSet, typeName, seen);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value) || fragment.typeCondition.name.value !== typeName) return false;
        seen.add(fragment.name.value);
        return selectsId(fragment.selectionSet, typeName, seen);
      }
      default:
        return false;
    }
  });

  const report = (node, where, typeName) => context.reportError(new GraphQLError(
    `${where} selects ${typeName} without "id": select id wherever a type has one, so normalized client caches can identify the object`,
    { nodes: node }));

  return {
    Field(node) {
      if (!node.selectionSet) return;
      const fieldType = context.getType();
      const type = fieldType && getNamedType(fieldType);
      if (!type) return;
      const where = `Field "${node.alias?.value ?? node.name.value}"`;
      if (hasIdField(type)) {
        if (!selectsId(node.selectionSet, type.name)) report(node, where, type.name);
        return;
      }
      if (!isAbstractType(type)) return;
      for (const selection of node.selectionSet.selections) {
        if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
        const member = schema.getType(selection.typeCondition.name.value);
        if (hasIdField(member) && !selectsId(selection.selectionSet, member.name)) {
          report(selection, `${where} (... on ${member.name})`, member.name);
        }
      }
    },
  };
}
