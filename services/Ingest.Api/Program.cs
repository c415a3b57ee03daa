using Returns.Ingest;
using Returns.Ingest.Apis;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Http;

var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReturnsHttpSecurity();
builder.Services.AddOpenApi();
builder.AddIngest();
builder.AddReturnsMessaging(_ => { });

var app = builder.Build();
app.UseReturnsHttpSecurity();
app.MapDefaultEndpoints();
app.MapOpenApi(); // /openapi/v1.json, for any authenticated caller
app.MapIngestEndpoints();
return app.RunOrRefuse();

/// <summary>Visible to the API tests.</summary>
public partial class Program;
