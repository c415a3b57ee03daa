using Returns.ServiceDefaults;
using Returns.Staff;

// The staff console as its own service, for a distributed deployment: it ingests uploads and publishes reviews over
// RabbitMQ, and reads the shared results store; classifier workers and the results service do the rest.
var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddStaffHost();
builder.AddReturnsMessaging(_ => { });

var app = builder.Build();
app.UseStaffHost();
return app.RunOrRefuse();

/// <summary>Visible to the console's HTTP tests.</summary>
public partial class Program;
