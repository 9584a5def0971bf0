using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace KdFamily.Graph.SchemaRoot;

/// <summary>`schema export --output FILE`: writes the running schema's SDL, the committed contract.</summary>
internal static class SchemaCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var rest = args.SkipWhile(a => a != "schema").Skip(1).ToList();
        if (rest.FirstOrDefault() != "export")
        {
            await Console.Error.WriteLineAsync("usage: schema export [--output FILE]");
            return 2;
        }

        var outputIndex = rest.IndexOf("--output");
        var sdl = PrintSchema(services.GetRequiredService<KdFamilySchema>());
        if (outputIndex < 0 || outputIndex + 1 >= rest.Count)
        {
            Console.Write(sdl);
            return 0;
        }

        var path = rest[outputIndex + 1];
        await File.WriteAllTextAsync(path, sdl);
        Console.WriteLine($"Schema written to {path}");
        return 0;
    }

    public static string PrintSchema(ISchema schema) =>
        schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
