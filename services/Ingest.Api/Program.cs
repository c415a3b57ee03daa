using Returns.Ingest;
using Returns.Ingest.Apis;
using Returns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOpenApi();
builder.AddIngest();
builder.AddReturnsMessaging(_ => { });

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi(); // /openapi/v1.json
app.MapIngestEndpoints();
app.Run();

/// <summary>Visible to the API tests.</summary>
public partial class Program;
