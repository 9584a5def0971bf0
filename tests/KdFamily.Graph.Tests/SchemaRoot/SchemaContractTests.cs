using System.Text;
using KdFamily.Graph.SchemaRoot;
using KdFamily.Graph.Tests.Infrastructure;
using KdFamily.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Graph.Tests.SchemaRoot;

/// <summary>
/// schema/schema.graphql is the contract with the frontend teams: the running schema must print exactly as committed,
/// so every schema change shows up as a reviewed diff of that file. Regenerate on purpose with UPDATE_SCHEMA=1.
/// </summary>
public sealed class SchemaContractTests(KdFamilyApiFactory factory) : IClassFixture<KdFamilyApiFactory>
{
    private const string SchemaFile = "schema/schema.graphql";

    private const string HowToRegenerate =
        "If the change is intended, regenerate the file and review its diff: " +
        "UPDATE_SCHEMA=1 dotnet test tests/KdFamily.Graph.Tests --filter FullyQualifiedName~SchemaContractTests " +
        "(or `dotnet run --project src/KdFamily.Graph -- schema export --output schema/schema.graphql`).";

    [Fact]
    public async Task SchemaExport_RunningSchema_MatchesCommittedSchemaFile()
    {
        var path = RepositoryRoot.Combine(SchemaFile);
        var running = SchemaCommand.PrintSchema(factory.Services.GetRequiredService<KdFamilySchema>());

        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, running);
            return;
        }

        Assert.True(File.Exists(path), $"{SchemaFile} is missing. {HowToRegenerate}");
        var committed = (await File.ReadAllTextAsync(path)).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (committed != running)
        {
            Assert.Fail($"The running schema differs from the committed {SchemaFile}.\n{HowToRegenerate}\n\n{ShortDiff(committed, running)}");
        }
    }

    [Fact]
    public void ShortDiff_ChangedLine_ShowsCommittedAndRunningLinesWithNumbers()
    {
        var diff = ShortDiff("type A {\n  x: Int\n  y: Int\n}\n", "type A {\n  x: Int\n  y: String\n}\n");

        Assert.Contains("@@ line 1 @@", diff, StringComparison.Ordinal);
        Assert.Contains("-   y: Int", diff, StringComparison.Ordinal);
        Assert.Contains("+   y: String", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("-   x: Int", diff, StringComparison.Ordinal);
    }

    /// <summary>
    /// A unified-style line diff (committed '-', running '+', two lines of context, line numbers of the committed
    /// file), capped at <paramref name="maxLines"/> lines so a large change stays readable in a test failure.
    /// </summary>
    internal static string ShortDiff(string committed, string running, int maxLines = 40)
    {
        var a = committed.Split('\n');
        var b = running.Split('\n');
        var edits = LineEdits(a, b);
        var text = new StringBuilder();
        text.Append("--- ").Append(SchemaFile).Append(" (committed)\n+++ running schema\n");
        var written = 0;
        var lastShown = -1;
        for (var i = 0; i < edits.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(edits.Count, i + 3) - Math.Max(0, i - 2)).Any(j => edits[j].Sign != ' ');
            if (!near)
            {
                continue;
            }

            if (written == maxLines)
            {
                var remaining = edits.Skip(i).Count(e => e.Sign != ' ');
                text.Append("... ").Append(remaining).Append(" more changed line(s)\n");
                break;
            }

            if (lastShown < 0 || i != lastShown + 1)
            {
                text.Append("@@ line ").Append(edits[i].Line).Append(" @@\n");
            }

            text.Append(edits[i].Sign).Append(' ').Append(edits[i].Text).Append('\n');
            lastShown = i;
            written++;
        }

        return text.ToString();
    }

    /// <summary>Longest-common-subsequence edit script over lines; each edit carries the committed file's line number.</summary>
    private static List<(char Sign, string Text, int Line)> LineEdits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<(char, string, int)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x], ++x));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(('-', a[x], ++x));
            }
            else
            {
                edits.Add(('+', b[y++], x + 1));
            }
        }

        return edits;
    }
}
