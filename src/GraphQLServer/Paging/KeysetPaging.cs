using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using GraphQL;
using GraphQL.Types.Relay.DataObjects;
using Microsoft.EntityFrameworkCore;

namespace GraphQLServer.Paging;

/// <summary>
/// The Relay paging arguments of a connection field, with its page-size policy, and whether the caller selected
/// <c>totalCount</c> (only then is it counted).
/// </summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before, int DefaultPageSize = 10, int MaxPageSize = 50)
{
    public bool CountTotal { get; init; }

    public static PageRequest From(IResolveFieldContext context, int defaultPageSize = 10, int maxPageSize = 50)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PageRequest(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"),
            defaultPageSize,
            maxPageSize)
        {
            CountTotal = context.SubFields?.Values.Any(f => f.Field.Name.Value == ConnectionFields.TotalCount) == true,
        };
    }
}

/// <summary>
/// Keyset (seek) pagination over an EF query: cursors carry the ordering's key values, so pages stay stable
/// while rows are added, and a page costs one indexed range scan regardless of how deep it is.
/// </summary>
public static class KeysetPaging
{
    /// <summary>Cursors this server issues are far shorter; anything longer is not one of them and is not decoded.</summary>
    public const int MaxCursorLength = 1024;

    private static readonly MethodInfo OrderByMethod = QueryableMethod(nameof(Queryable.OrderBy));
    private static readonly MethodInfo OrderByDescendingMethod = QueryableMethod(nameof(Queryable.OrderByDescending));
    private static readonly MethodInfo ThenByMethod = QueryableMethod(nameof(Queryable.ThenBy));
    private static readonly MethodInfo ThenByDescendingMethod = QueryableMethod(nameof(Queryable.ThenByDescending));

    public static async Task<Connection<T>> ToConnectionAsync<T>(
        IQueryable<T> query, IReadOnlyList<KeysetKey<T>> keys, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(page);
        if (page.First is not null && page.Last is not null)
        {
            throw Invalid("first", "Pass either `first` or `last`, not both.");
        }

        var backward = page.Last is not null;
        var size = CheckSize(backward ? "last" : "first", page.Last ?? page.First ?? page.DefaultPageSize, page.MaxPageSize);
        var signature = string.Join(',', keys.Select(k => k.Name + (k.Descending ? "-" : "+")));

        // The same filter, before the cursors narrow it: one COUNT, only when the caller asked for it.
        int? totalCount = page.CountTotal ? await query.CountAsync(cancellationToken) : null;

        if (page.After is not null)
        {
            query = query.Where(After(keys, DecodeCursor(page.After, keys, signature, "after"), reverse: false));
        }

        if (page.Before is not null)
        {
            query = query.Where(After(keys, DecodeCursor(page.Before, keys, signature, "before"), reverse: true));
        }

        var rows = await Order(query, keys, reverse: backward).Take(size + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(row => new Edge<T> { Node = row, Cursor = EncodeCursor(row, keys, signature) }).ToList();
        return new Connection<T>
        {
            TotalCount = totalCount,
            Edges = edges,
            PageInfo = new PageInfo
            {
                HasNextPage = backward ? page.Before is not null : hasMore,
                HasPreviousPage = backward ? hasMore : page.After is not null,
                StartCursor = edges.FirstOrDefault()?.Cursor,
                EndCursor = edges.LastOrDefault()?.Cursor,
            },
        };
    }

    private static int CheckSize(string argument, int size, int max) =>
        size < 0 || size > max ? throw Invalid(argument, $"`{argument}` must be between 0 and {max}.") : size;

    private static ExecutionError Invalid(string argument, string message)
    {
        var error = new ExecutionError(message) { Code = "VALIDATION_ERROR" };
        error.Data["field"] = argument;
        return error;
    }

    private static string EncodeCursor<T>(T row, IReadOnlyList<KeysetKey<T>> keys, string signature) =>
        System.Buffers.Text.Base64Url.EncodeToString(
            JsonSerializer.SerializeToUtf8Bytes(new[] { signature }.Concat(keys.Select(k => k.Format(row))).ToArray()));

    private static object?[] DecodeCursor<T>(string cursor, IReadOnlyList<KeysetKey<T>> keys, string signature, string argument)
    {
        if (cursor.Length > MaxCursorLength)
        {
            throw Invalid(argument, $"`{argument}` is not a valid cursor.");
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
            if (parts is null || parts.Length != keys.Count + 1 || parts[0] != signature)
            {
                throw Invalid(argument, $"`{argument}` is not a cursor of this connection with this ordering.");
            }

            return [.. keys.Select((k, i) => k.Parse(parts[i + 1]))];
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or OverflowException)
        {
            throw Invalid(argument, $"`{argument}` is not a valid cursor.");
        }
    }

    /// <summary>Rows strictly after the cursor in the ordering (or before it, when <paramref name="reverse"/>).</summary>
    private static Expression<Func<T, bool>> After<T>(IReadOnlyList<KeysetKey<T>> keys, object?[] values, bool reverse)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            Expression? all = null;
            for (var j = 0; j <= i; j++)
            {
                var column = ReplaceParameter(keys[j].Selector, row);
                var value = Expression.Constant(values[j], column.Type);
                var greater = keys[j].Descending == reverse;
                var test = j < i ? Expression.Equal(column, value) : greater ? Expression.GreaterThan(column, value) : Expression.LessThan(column, value);
                all = all is null ? test : Expression.AndAlso(all, test);
            }

            any = any is null ? all : Expression.OrElse(any, all!);
        }

        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(true), row);
    }

    private static IQueryable<T> Order<T>(IQueryable<T> query, IReadOnlyList<KeysetKey<T>> keys, bool reverse)
    {
        var expression = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var descending = keys[i].Descending != reverse;
            var method = i == 0
                ? descending ? OrderByDescendingMethod : OrderByMethod
                : descending ? ThenByDescendingMethod : ThenByMethod;
            expression = Expression.Call(
                method.MakeGenericMethod(typeof(T), keys[i].Selector.ReturnType), expression, Expression.Quote(keys[i].Selector));
        }

        return query.Provider.CreateQuery<T>(expression);
    }

    private static Expression ReplaceParameter(LambdaExpression selector, ParameterExpression parameter) =>
        new ParameterReplacer(selector.Parameters[0], parameter).Visit(selector.Body);

    private static MethodInfo QueryableMethod(string name) =>
        typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
