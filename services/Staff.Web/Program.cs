using Returns.Ingest;
using Returns.Ingest.Apis;
using Returns.Results;
using Returns.Results.Apis;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Http;
using Returns.Staff;

// The staff console as its own service, for a distributed deployment: it ingests uploads and publishes reviews over
// RabbitMQ, and reads the shared results store; classifier workers and the results service do the rest.
var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReturnsHttpSecurity();
builder.AddIngest();
builder.AddResults();
builder.AddStaffConsole();
builder.AddReturnsMessaging(_ => { });

var app = builder.Build();
app.UseReturnsHttpSecurity();
app.UseStaffConsole();
app.MapDefaultEndpoints();
app.MapIngestEndpoints();
app.MapResultsEndpoints();
app.MapStaffConsole();
app.Run();

/// <summary>Visible to the console's HTTP tests.</summary>
public partial class Program;
