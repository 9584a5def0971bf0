using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Options;

namespace GraphQLServer.PersistedDocuments;

/// <summary>
/// First step of every execution on every transport: resolves <c>extensions.persistedQuery</c>
/// (<c>{version: 1, sha256Hash}</c>) to the document that runs, as <see cref="PersistedDocumentsOptions.Mode"/> says.
/// In <see cref="PersistedDocumentsMode.Automatic"/> mode a hash alone runs a trusted or registered document, or answers
/// <c>PersistedQueryNotFound</c>; a hash with its query runs the query and, once it has passed the document limits and
/// validation, registers it (a query whose hash does not match is refused). In
/// <see cref="PersistedDocumentsMode.TrustedOnly"/> mode only trusted documents run, by hash or in full.
/// </summary>
public sealed class PersistedDocumentExecution : IConfigureExecution
{
    public const string ExtensionName = "persistedQuery";

    private static readonly PersistedDocumentsOptions Defaults = new();

    public float SortOrder => -100;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(next);
        var services = options.RequestServices;
        var settings = services?.GetService<IOptions<PersistedDocumentsOptions>>()?.Value ?? Defaults;
        var store = services?.GetService<IPersistedDocumentStore>();
        var trusted = services?.GetService<TrustedDocuments>();
        var sent = options.Extensions?.TryGetValue(ExtensionName, out var extension) == true ? extension : null;
        var query = string.IsNullOrWhiteSpace(options.Query) ? null : options.Query;

        if (settings.Mode == PersistedDocumentsMode.Off || (sent is not null && store is null && trusted is null))
        {
            return sent is null ? await next(options) : Refuse(PersistedDocumentErrors.NotSupported());
        }

        string? hash = null;
        if (sent is not null && (hash = HashOf(sent)) is null)
        {
            return Refuse(PersistedDocumentErrors.Invalid());
        }

        if (query is not null && hash is not null && TrustedDocuments.Hash(query) != hash)
        {
            return Refuse(PersistedDocumentErrors.HashMismatch());
        }

        if (settings.Mode == PersistedDocumentsMode.TrustedOnly)
        {
            if (trusted?.Find(hash ?? TrustedDocuments.Hash(query!)) is not { } document)
            {
                return Refuse(PersistedDocumentErrors.NotInList());
            }

            options.Query = document.Body;
            return await next(options);
        }

        if (hash is null)
        {
            return await next(options);
        }

        if (query is null)
        {
            var known = trusted?.Find(hash)?.Body ?? (store is null ? null : await store.GetAsync(hash));
            if (known is null)
            {
                return Refuse(PersistedDocumentErrors.NotFound());
            }

            options.Query = known;
            return await next(options);
        }

        var result = await next(options);
        if (result.Executed && store is not null && trusted?.Find(hash) is null && Encoding.UTF8.GetByteCount(query) <= settings.MaxDocumentBytes)
        {
            await store.SaveAsync(hash, query);
        }

        return result;
    }

    /// <summary>The lowercase hex hash of a well-formed <c>{version: 1, sha256Hash}</c>, else null.</summary>
    private static string? HashOf(object extension)
    {
        if (extension is not IReadOnlyDictionary<string, object?> and not IDictionary<string, object?>)
        {
            return null;
        }

        var map = extension as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>((IDictionary<string, object?>)extension);
        var version = map.GetValueOrDefault("version") is IConvertible number && number is not string and not bool
            ? Convert.ToDouble(number, CultureInfo.InvariantCulture)
            : 0;
        return version.Equals(1d) && map.GetValueOrDefault("sha256Hash") is string hash && hash.Length == 64 && hash.All(char.IsAsciiHexDigit)
            ? hash.ToLowerInvariant()
            : null;
    }

    private static ExecutionResult Refuse(ExecutionError error) => new(error);
}
