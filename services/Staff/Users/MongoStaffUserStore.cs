using Microsoft.Extensions.Options;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using Returns.Results;

namespace Returns.Staff.Users;

/// <summary>Users in the results' MongoDB database, collection staff_users; _id is the user name.</summary>
public sealed class MongoStaffUserStore(IOptions<ResultsOptions> options) : IStaffUserStore
{
    private readonly IMongoCollection<UserDocument> users = new MongoClient(options.Value.MongoConnectionString)
        .GetDatabase(options.Value.MongoDatabase)
        .GetCollection<UserDocument>("staff_users")
        .WithWriteConcern(WriteConcern.WMajority)
        .WithReadConcern(ReadConcern.Majority);

    public async Task<StaffUser?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await users.Find(u => u.Name == name).FirstOrDefaultAsync(cancellationToken))?.ToUser();

    public Task SaveAsync(StaffUser user, CancellationToken cancellationToken) =>
        users.ReplaceOneAsync(u => u.Name == user.Name, UserDocument.From(user), new ReplaceOptions { IsUpsert = true }, cancellationToken);

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken) =>
        (await users.Find(FilterDefinition<UserDocument>.Empty).SortBy(u => u.Name).ToListAsync(cancellationToken)).Select(u => u.ToUser()).ToArray();

    private sealed class UserDocument
    {
        [BsonId] public required string Name { get; init; }
        public required string Role { get; init; }
        public required string PasswordHash { get; init; }
        public bool Disabled { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public DateTimeOffset? SignedOutAt { get; init; }

        public static UserDocument From(StaffUser u) => new()
        {
            Name = u.Name, Role = u.Role, PasswordHash = u.PasswordHash, Disabled = u.Disabled, CreatedAt = u.CreatedAt, UpdatedAt = u.UpdatedAt,
            SignedOutAt = u.SignedOutAt,
        };

        public StaffUser ToUser() => new()
        {
            Name = Name, Role = Role, PasswordHash = PasswordHash, Disabled = Disabled, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt,
            SignedOutAt = SignedOutAt,
        };
    }
}
