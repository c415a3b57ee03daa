using System.CommandLine;
using Returns.Cli;

// After SIGINT or SIGTERM the run stops between two files and stops its host; give that time before the process ends.
return await ReturnsCommandLine.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
