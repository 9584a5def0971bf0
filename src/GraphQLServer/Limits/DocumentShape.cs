using System.Globalization;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace GraphQLServer.Limits;

/// <summary>
/// The size checks that run before GraphQL validation, because several standard validation rules and the engine
/// walk fragments once per spread (exponential in nested spreads) or compare directives and fields pairwise
/// (quadratic). Everything here is linear in the document: tokens are counted without parsing, fragment expansion
/// is counted with one memo entry per fragment, and recursion stops at <see cref="GraphQLLimits.MaxFragmentNesting"/>.
/// </summary>
public static class DocumentShape
{
    /// <summary>The first limit <paramref name="source"/> passes by its token count, or null.</summary>
    public static string? CheckTokens(string source, GraphQLLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        var count = 0;
        var position = 0;
        try
        {
            while (true)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    return null;
                }

                if (++count > limits.MaxTokens)
                {
                    return $"The document has more than {Format(limits.MaxTokens)} tokens, the most allowed.";
                }

                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
            // The parser reports the syntax error with its location.
            return null;
        }
    }

    /// <summary>The first structural limit <paramref name="document"/> passes, or null.</summary>
    public static string? CheckStructure(GraphQLDocument document, GraphQLLimits limits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(limits);
        var walk = new Walk(document, limits);
        return walk.Run();
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed class Walk(GraphQLDocument document, GraphQLLimits limits)
    {
        private readonly Dictionary<ROM, GraphQLFragmentDefinition> _fragments = [];
        private readonly Dictionary<ROM, (long Fields, int Nesting)> _expanded = [];
        private readonly HashSet<ROM> _expanding = [];
        private int _spreads;
        private int _writtenFields;
        private long _comparedPairs;

        public string? Run()
        {
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLFragmentDefinition fragment)
                {
                    if (_fragments.Count >= limits.MaxFragments)
                    {
                        return $"The document defines more than {Format(limits.MaxFragments)} fragments, the most allowed.";
                    }

                    _fragments.TryAdd(fragment.FragmentName.Name.Value, fragment);
                }
            }

            // Written size first: directives and spreads anywhere in the document, used or not.
            foreach (var definition in document.Definitions)
            {
                var problem = definition switch
                {
                    GraphQLOperationDefinition operation => CheckWritten(operation),
                    GraphQLFragmentDefinition fragment => CheckWritten(fragment),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            // Then the size each operation (and each fragment, used or not: validation walks them all) has once its
            // fragments are expanded in place.
            foreach (var definition in document.Definitions)
            {
                var (fields, nesting) = definition switch
                {
                    GraphQLOperationDefinition operation => Expanded(operation.SelectionSet),
                    GraphQLFragmentDefinition fragment => ExpandedFragment(fragment.FragmentName.Name.Value),
                    _ => (0, 0),
                };
                if (nesting > limits.MaxFragmentNesting)
                {
                    return $"Fragments spread fragments more than {Format(limits.MaxFragmentNesting)} levels deep, the most allowed.";
                }

                if (fields > limits.MaxExpandedFields)
                {
                    return $"The operation selects more than {Format(limits.MaxExpandedFields)} fields once its fragments are expanded, the most allowed.";
                }
            }

            // Last, what validation compares pairwise: fields sharing a response name in one merged selection set (the
            // expansion is bounded now, so walking it is too).
            foreach (var definition in document.Definitions)
            {
                var selectionSet = definition switch
                {
                    GraphQLOperationDefinition operation => operation.SelectionSet,
                    GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                    _ => null,
                };
                if (selectionSet is not null && !WithinComparedPairs([selectionSet]))
                {
                    return $"The document selects one response name too often: more than {Format(limits.MaxComparedFieldPairs)} pairs of fields would have to be compared, the most allowed.";
                }
            }

            return null;
        }

        /// <summary>
        /// Adds the pairs of fields that share a response name in the merged <paramref name="selectionSets"/> (spreads and
        /// inline fragments expanded), then does the same for the merged sub-selections of each name; false once the
        /// total passes <see cref="GraphQLLimits.MaxComparedFieldPairs"/>.
        /// </summary>
        private bool WithinComparedPairs(List<GraphQLSelectionSet> selectionSets)
        {
            var byResponseName = new Dictionary<ROM, List<GraphQLField>>();
            foreach (var selectionSet in selectionSets)
            {
                CollectFields(selectionSet, byResponseName, []);
            }

            foreach (var fields in byResponseName.Values)
            {
                _comparedPairs += (long)fields.Count * (fields.Count - 1) / 2;
                if (_comparedPairs > limits.MaxComparedFieldPairs)
                {
                    return false;
                }

                var children = fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>().ToList();
                if (children.Count > 0 && !WithinComparedPairs(children))
                {
                    return false;
                }
            }

            return true;
        }

        private void CollectFields(GraphQLSelectionSet selectionSet, Dictionary<ROM, List<GraphQLField>> byResponseName, HashSet<ROM> spreading)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var name = (field.Alias?.Name ?? field.Name).Value;
                        if (!byResponseName.TryGetValue(name, out var sameName))
                        {
                            byResponseName[name] = sameName = [];
                        }

                        sameName.Add(field);
                        break;
                    case GraphQLInlineFragment inline:
                        CollectFields(inline.SelectionSet, byResponseName, spreading);
                        break;
                    case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.Value, out var fragment)
                        && spreading.Add(spread.FragmentName.Name.Value):
                        CollectFields(fragment.SelectionSet, byResponseName, spreading);
                        spreading.Remove(spread.FragmentName.Name.Value);
                        break;
                }
            }
        }

        private string? CheckWritten(GraphQLOperationDefinition operation)
        {
            foreach (var variable in operation.Variables?.Items ?? [])
            {
                if (TooManyDirectives(variable) is { } problem)
                {
                    return problem;
                }
            }

            return TooManyDirectives(operation) ?? CheckWritten(operation.SelectionSet);
        }

        private string? CheckWritten(GraphQLFragmentDefinition fragment) =>
            TooManyDirectives(fragment) ?? CheckWritten(fragment.SelectionSet);

        // Recursion is bounded by the parser's depth limit.
        private string? CheckWritten(GraphQLSelectionSet? selectionSet)
        {
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                var problem = TooManyDirectives(selection);
                if (problem is null && selection is GraphQLFragmentSpread && ++_spreads > limits.MaxFragmentSpreads)
                {
                    problem = $"The document has more than {Format(limits.MaxFragmentSpreads)} fragment spreads, the most allowed.";
                }

                if (problem is null && selection is GraphQLField && ++_writtenFields > limits.MaxExpandedFields)
                {
                    problem = $"The document writes more than {Format(limits.MaxExpandedFields)} fields, the most allowed.";
                }

                problem ??= selection switch
                {
                    GraphQLField field => CheckWritten(field.SelectionSet),
                    GraphQLInlineFragment inline => CheckWritten(inline.SelectionSet),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            return null;
        }

        private string? TooManyDirectives(ASTNode node) =>
            node is IHasDirectivesNode { Directives.Count: var count } && count > limits.MaxDirectivesPerLocation
                ? $"A selection, fragment, operation or variable has more than {Format(limits.MaxDirectivesPerLocation)} directives, the most allowed."
                : null;

        /// <summary>
        /// Fields in <paramref name="selectionSet"/> with every spread expanded (saturating just above the limit), and
        /// how deeply spreads nest in it. Each fragment is measured once. A spread of a fragment that is being
        /// measured (a cycle) counts nothing here: validation reports the cycle. Recursion is bounded by the parser's
        /// depth limit times <see cref="GraphQLLimits.MaxFragmentNesting"/>.
        /// </summary>
        private (long Fields, int Nesting) Expanded(GraphQLSelectionSet? selectionSet)
        {
            long fields = 0;
            var nesting = 0;
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                var (partFields, partNesting) = selection switch
                {
                    GraphQLField { SelectionSet: var children } => children is null ? (1, 0) : Plus(Expanded(children), 1),
                    GraphQLInlineFragment inline => Expanded(inline.SelectionSet),
                    GraphQLFragmentSpread spread => ExpandedFragment(spread.FragmentName.Name.Value),
                    _ => (0, 0),
                };
                fields = Math.Min(fields + partFields, (long)limits.MaxExpandedFields + 1);
                nesting = Math.Max(nesting, partNesting);
            }

            return (fields, nesting);

            static (long, int) Plus((long Fields, int Nesting) part, long fields) => (part.Fields + fields, part.Nesting);
        }

        private (long Fields, int Nesting) ExpandedFragment(ROM name)
        {
            if (_expanded.TryGetValue(name, out var known))
            {
                return known;
            }

            if (_expanding.Count >= limits.MaxFragmentNesting)
            {
                // Already too deep: no need to look further (and no deeper recursion).
                return (0, limits.MaxFragmentNesting + 1);
            }

            if (!_fragments.TryGetValue(name, out var fragment) || !_expanding.Add(name))
            {
                return (0, 0);
            }

            var (fields, nesting) = Expanded(fragment.SelectionSet);
            _expanding.Remove(name);
            return _expanded[name] = (fields, nesting + 1);
        }
    }
}
