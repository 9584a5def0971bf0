using System.Text.Json;
using System.Text.Json.Nodes;
using KdFamily.Testing;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// Every document under schema/operations validates, with graphql-js (the frontend teams' own tooling), against the
/// committed schema/schema.graphql, as configured in .graphqlrc.json; operation names are unique across documents.
/// Together with <see cref="SchemaContractTests"/> this means the operations also run against the live server.
/// </summary>
public sealed class OperationDocumentTests
{
    private const string Script = "validate-operations.mjs";

    [Fact]
    public async Task ValidateOperations_CommittedDocuments_HaveNoErrors()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine(".graphqlrc.json")))!;

        var run = await NodeScript.RunAsync(Script);
        var report = Parse(run);

        // The script ran on what .graphqlrc.json declares, so the config itself is exercised.
        Assert.Equal(config["schema"]!.GetValue<string>(), report["schema"]!.GetValue<string>());
        Assert.Equal("schema/schema.graphql", report["schema"]!.GetValue<string>());
        Assert.Equal(["schema/operations/**/*.graphql"], report["documents"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("/graphql", new Uri(report["endpoint"]!.GetValue<string>()).AbsolutePath);

        var files = report["files"]!.AsArray();
        Assert.Contains(files, f => f!["file"]!.GetValue<string>() == "schema/operations/FamilyDashboard.graphql");
        var failures = Failures(report);
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s) in schema/operations:\n{string.Join('\n', failures)}");
        Assert.True(run.ExitCode == 0, run.Describe());
    }

    [Fact]
    public async Task ValidateOperations_InvalidAnonymousAndDuplicateOperations_AreReportedByFile()
    {
        var dir = Directory.CreateTempSubdirectory("kdfamily-operations-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "schema", "operations", "nested"));
            File.Copy(RepositoryRoot.Combine(".graphqlrc.json"), Path.Combine(dir.FullName, ".graphqlrc.json"));
            File.Copy(RepositoryRoot.Combine("schema/schema.graphql"), Path.Combine(dir.FullName, "schema", "schema.graphql"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "schema", "operations", "Valid.graphql"), "query Me { me { id } }");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "schema", "operations", "nested", "Unknown.graphql"), "query Me { me { id shoeSize } }");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "schema", "operations", "Anonymous.graphql"), "{ me { id } }");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "schema", "operations", "Ignored.txt"), "not graphql");

            var run = await NodeScript.RunAsync(Script, Path.Combine(dir.FullName, ".graphqlrc.json"));
            var report = Parse(run);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                ["schema/operations/Anonymous.graphql", "schema/operations/Valid.graphql", "schema/operations/nested/Unknown.graphql"],
                report["files"]!.AsArray().Select(f => f!["file"]!.GetValue<string>()));
            var failures = Failures(report);
            Assert.Contains(failures, f => f.StartsWith("schema/operations/nested/Unknown.graphql:1:", StringComparison.Ordinal) && f.Contains("shoeSize", StringComparison.Ordinal));
            Assert.Contains(failures, f => f.StartsWith("schema/operations/Anonymous.graphql", StringComparison.Ordinal) && f.Contains("needs a name", StringComparison.Ordinal));
            Assert.Contains("operation Me defined in schema/operations/Valid.graphql, schema/operations/nested/Unknown.graphql", failures);
            Assert.Equal(3, failures.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ValidateOperations_ObjectSelectedWithoutItsId_IsReportedWhereNormalizedCachesNeedIt()
    {
        var dir = Directory.CreateTempSubdirectory("kdfamily-operations-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "schema", "operations"));
            File.Copy(RepositoryRoot.Combine(".graphqlrc.json"), Path.Combine(dir.FullName, ".graphqlrc.json"));
            File.Copy(RepositoryRoot.Combine("schema/schema.graphql"), Path.Combine(dir.FullName, "schema", "schema.graphql"));
            var documents = new Dictionary<string, string>
            {
                ["NoFamilyId"] = "query NoFamilyId($id: ID!) { family(id: $id) { name } }",
                ["AliasedId"] = "query AliasedId { me { key: id fullName } }",
                ["NestedWithoutId"] = "mutation NestedWithoutId($input: ApproveTaskInput!) { approveTask(input: $input) { task { id assignedTo { fullName } } } }",
                ["OnlyInSubtype"] = "query OnlyInSubtype($id: ID!) { node(id: $id) { ... on Task { id title } } }",
                ["ThroughFragment"] = "query ThroughFragment { me { ...Me family { ... on Family { id } name } } } fragment Me on User { id fullName }",
                ["Scalars"] = "query Scalars { me { id stats { totalPoints } } }",
            };
            foreach (var (name, text) in documents)
            {
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "schema", "operations", name + ".graphql"), text);
            }

            var run = await NodeScript.RunAsync(Script, Path.Combine(dir.FullName, ".graphqlrc.json"));
            var failures = Failures(Parse(run));

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                [
                    "schema/operations/AliasedId.graphql:1:19: Field \"me\" selects User without \"id\"",
                    "schema/operations/NestedWithoutId.graphql:1:94: Field \"assignedTo\" selects User without \"id\"",
                    "schema/operations/NoFamilyId.graphql:1:30: Field \"family\" selects Family without \"id\"",
                    "schema/operations/OnlyInSubtype.graphql:1:33: Field \"node\" selects Node without \"id\"",
                ],
                failures.Select(f => f[..f.IndexOf(": select id", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static JsonNode Parse(NodeResult run)
    {
        Assert.True(run.ExitCode is 0 or 1, $"{Script} crashed: {run.Describe()}");
        try
        {
            return JsonNode.Parse(run.Stdout) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{Script} did not print JSON ({e.Message}): {run.Describe()}", e);
        }
    }

    /// <summary>Each problem as `file:line:column: message`, duplicates as `operation X defined in a, b`.</summary>
    private static List<string> Failures(JsonNode report)
    {
        var failures = report["problems"]!.AsArray()
            .Select(p => $"{p!["file"]}: {p["message"]}")
            .ToList();
        foreach (var file in report["files"]!.AsArray())
        {
            foreach (var error in file!["errors"]!.AsArray())
            {
                var at = error!["locations"]!.AsArray().FirstOrDefault();
                var where = at is null ? string.Empty : $":{at["line"]}:{at["column"]}";
                failures.Add($"{file["file"]}{where}: {error["message"]}");
            }
        }

        failures.AddRange(report["duplicates"]!.AsArray()
            .Select(d => $"{d!["name"]} defined in {string.Join(", ", d["files"]!.AsArray().Select(f => f!.GetValue<string>()))}"));
        return failures;
    }
}
