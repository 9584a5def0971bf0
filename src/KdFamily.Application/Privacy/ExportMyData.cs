using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KdFamily.Application.Pipeline;
using KdFamily.Domain.Audit;
using KdFamily.Domain.Errors;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace KdFamily.Application.Privacy;

public sealed record ExportMyData(Guid CallerId) : IMemberCommand;

/// <summary>A member's data export: a JSON document and the file name to save it under.</summary>
public sealed record PersonalDataExport(string FileName, JsonObject Document);

/// <summary>
/// Builds the caller's data export from the data as it is now, section by section (<see cref="PersonalDataSections"/>),
/// and audits it. Nothing is stored: the document exists only in the response that carries it.
/// </summary>
public sealed class ExportMyDataHandler(UseCasePipeline pipeline) : IUseCase<ExportMyData, PersonalDataExport>
{
    /// <summary>The version of the document's shape, so a reader can tell later shapes apart.</summary>
    public const string Format = "kdfamily-personal-data/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper), new InstantConverter() },
    };

    public Task<Result<PersonalDataExport>> HandleAsync(ExportMyData command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return pipeline.RunAsync<PersonalDataExport>(command, async (work, token) =>
        {
            var names = await work.Db.Users.AsNoTracking().Where(u => u.FamilyId == work.Caller.FamilyId)
                .ToDictionaryAsync(u => u.Id, u => u.FullName, token);
            var scope = new ExportScope(work.Db, work.Caller, names);
            var document = new JsonObject
            {
                ["format"] = Format,
                ["exportedAt"] = InstantPattern.ExtendedIso.Format(work.Now),
                ["userId"] = work.Caller.Id,
            };
            foreach (var section in PersonalDataSections.All)
            {
                document[section.Name] = JsonSerializer.SerializeToNode(await section.Read(scope, token), Json);
            }

            work.Audit.RecordAccount(AuditActions.DataExported, work.Caller, new { sections = PersonalDataSections.All.Count });
            var date = work.Now.InUtc().Date;
            return new PersonalDataExport($"kdfamily-export-{LocalDatePattern.Iso.Format(date)}.json", document);
        }, cancellationToken);
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
