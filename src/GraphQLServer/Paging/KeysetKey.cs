using System.Linq.Expressions;

namespace GraphQLServer.Paging;

/// <summary>
/// One column of a keyset ordering: how to select it in the query, read it from a loaded row, and write it to
/// and read it from a cursor. The last key of an ordering must be unique (e.g. the id).
/// </summary>
public sealed class KeysetKey<T>
{
    internal KeysetKey(string name, LambdaExpression selector, bool descending, Func<T, string> format, Func<string, object?> parse)
    {
        Name = name;
        Selector = selector;
        Descending = descending;
        Format = format;
        Parse = parse;
    }

    public string Name { get; }

    public LambdaExpression Selector { get; }

    public bool Descending { get; }

    internal Func<T, string> Format { get; }

    /// <summary>Parses a cursor value; throws FormatException when it is not one.</summary>
    internal Func<string, object?> Parse { get; }
}

public static class KeysetKey
{
    public static KeysetKey<T> Create<T, TValue>(
        string name, Expression<Func<T, TValue>> selector, bool descending, Func<TValue, string> format, Func<string, TValue> parse)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var compiled = selector.Compile();
        return new KeysetKey<T>(name, selector, descending, row => format(compiled(row)), text => parse(text));
    }
}
