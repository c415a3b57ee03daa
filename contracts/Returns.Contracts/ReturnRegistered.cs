using MassTransit;

namespace Returns.Contracts;

/// <summary>An upstream system (returns portal, order system, parcel desk) registered a return and what the customer
/// declared for each line. Non-.NET publishers send it as plain JSON to the exchange "return-registered"; its schema is
/// contracts/schemas/return-registered.v1.schema.json. The same return sent again changes nothing.</summary>
[MessageUrn("returns:return-registered:v1")]
public sealed record ReturnRegistered
{
    public required string ReturnId { get; init; }
    public required string OrderId { get; init; }
    public required IReadOnlyList<ReturnLine> Lines { get; init; }
    /// <summary>When the return was registered upstream; the verdict deadline counts from it (optional: else from arrival).</summary>
    public DateTimeOffset? RegisteredAt { get; init; }
}

/// <param name="LineId">Unique within the return.</param>
/// <param name="Sku">The retailer's article number; its prefix can map to model labels when the category does not.</param>
/// <param name="DeclaredCategory">What the customer says the item is, in the retailer's own words ("Tops", "Dresses").</param>
public sealed record ReturnLine(string LineId, string Sku, string DeclaredCategory);
