using Returns.Results;
using Returns.Results.Apis;
using Returns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddOpenApi();
builder.AddResults();
builder.AddResultsReportSchedule();
builder.AddReturnsMessaging(bus => bus.AddResultsConsumers());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOpenApi(); // /openapi/v1.json
app.MapResultsEndpoints();
app.Run();

/// <summary>Visible to the API tests.</summary>
public partial class Program;
