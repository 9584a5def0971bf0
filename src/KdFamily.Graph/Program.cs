using KdFamily.Graph.Extensions;
using KdFamily.Graph.Server.BananaCakePop;

var builder = WebApplication.CreateBuilder(args);
builder.AddKdFamilyOptions();
builder.AddKdFamilyData();
builder.AddKdFamilyAuth();
builder.AddKdFamilyGraph();

var app = builder.Build();
app.UseBananaCakePop("/graphql", ide => ide.Title = "KD Family");
app.UseAuthentication();
app.UseAuthorization();
app.MapKdFamilyEndpoints();

return await app.RunKdFamilyAsync(args);

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
