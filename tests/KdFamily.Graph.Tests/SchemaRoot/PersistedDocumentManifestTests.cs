using System.Text.Json;
using GraphQLServer.PersistedDocuments;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// schema/persisted-documents.json is the manifest of the trusted documents (Apollo's persisted-query manifest format)
/// that clients load to send ids: it must list exactly what the server hashed at start from schema/operations.
/// Regenerate it with UPDATE_SCHEMA=1, like the schema.
/// </summary>
public sealed class PersistedDocumentManifestTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string ManifestFile = "schema/persisted-documents.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Manifest_OfTheRunningServer_MatchesCommittedManifestFile()
    {
        var trusted = factory.Services.GetRequiredService<TrustedDocuments>();
        var running = JsonSerializer.Serialize(trusted.Manifest, Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        var path = RepositoryRoot.Combine(ManifestFile);

        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, running);
            return;
        }

        Assert.Equal(Directory.GetFiles(RepositoryRoot.Combine("schema/operations"), "*.graphql").Length, trusted.Documents.Count);
        Assert.True(File.Exists(path), $"{ManifestFile} is missing; regenerate with UPDATE_SCHEMA=1 dotnet test tests/KdFamily.Graph.Tests --filter FullyQualifiedName~PersistedDocumentManifestTests");
        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (committed != running)
        {
            Assert.Fail($"{ManifestFile} differs from the trusted documents the server hashed from schema/operations. "
                + "Regenerate it: UPDATE_SCHEMA=1 dotnet test tests/KdFamily.Graph.Tests --filter FullyQualifiedName~PersistedDocumentManifestTests\n\n"
                + SchemaContractTests.ShortDiff(committed, running));
        }
    }
}
