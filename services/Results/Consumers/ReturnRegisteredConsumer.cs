using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Stores a return's declared lines (the first registration of a line wins, so a duplicate changes nothing) and
/// assesses each: photos may have arrived before the return did.</summary>
public sealed partial class ReturnRegisteredConsumer(IReturnLineStore lines, LineAssessor assessor, TimeProvider clock,
    ILogger<ReturnRegisteredConsumer> logger) : IConsumer<ReturnRegistered>
{
    public async Task Consume(ConsumeContext<ReturnRegistered> context)
    {
        var m = context.Message;
        ReturnValidation.Check(m, clock);
        var registeredAt = m.RegisteredAt ?? clock.GetUtcNow();
        var added = await lines.SaveLinesAsync(m.Lines.Select(l => new RegisteredLine
        {
            ReturnId = m.ReturnId, LineId = l.LineId, OrderId = m.OrderId, Sku = l.Sku, DeclaredCategory = l.DeclaredCategory,
            RegisteredAt = registeredAt,
        }).ToArray(), context.CancellationToken);
        LogRegistered(m.ReturnId, m.Lines.Count, added);
        foreach (var line in m.Lines)
            await assessor.AssessAsync(new LineKey(m.ReturnId, line.LineId), context, context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Return {ReturnId}: {Lines} lines, {Added} of them new")]
    private partial void LogRegistered(string returnId, int lines, int added);
}
