using Returns.Results;
using Returns.Results.Apis;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Http;

var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReturnsHttpSecurity();
builder.Services.AddOpenApi();
builder.AddResults();
builder.AddResultsReportSchedule();
builder.StopOnStorageFault();
builder.AddReturnsMessaging(bus => bus.AddResultsConsumers());

var app = builder.Build();
app.UseReturnsHttpSecurity();
app.MapDefaultEndpoints();
app.MapOpenApi(); // /openapi/v1.json, for any authenticated caller
app.MapResultsEndpoints();
app.MapModelsEndpoints();
return app.RunOrRefuse();

/// <summary>Visible to the API tests.</summary>
public partial class Program;
