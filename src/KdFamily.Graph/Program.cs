using KdFamily.Graph.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddKdFamilyOptions();
builder.AddKdFamilyData();
builder.AddKdFamilyAuth();
builder.AddKdFamilyGraph();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapKdFamilyEndpoints();

return await app.RunKdFamilyAsync(args);

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
