using LiteDB;

namespace Watchpost.Events;

/// <summary>
/// Comparisons for LiteDB queries with the value as a parameter. LiteDB 5 compiles each expression text once and
/// keeps the compiled delegate for the life of the process (a static cache, never trimmed); its Query.EQ/LTE/In
/// write the value into the text, so every distinct value (the sender's "now", a batch of sequences, an event id)
/// cost one more compiled delegate, about 1.8 KB of heap each, for ever. With "@0" the text is the same for every
/// value and is compiled once. Query.And/Or join the texts and drop the parameters: write a compound condition as
/// one text with its own parameters instead.
/// </summary>
internal static class LiteDbQuery
{
    public static BsonExpression Eq(string field, BsonValue value) => Compare(field, "=", value);

    public static BsonExpression Lt(string field, BsonValue value) => Compare(field, "<", value);

    public static BsonExpression Lte(string field, BsonValue value) => Compare(field, "<=", value);

    public static BsonExpression Gte(string field, BsonValue value) => Compare(field, ">=", value);

    public static BsonExpression In(string field, IEnumerable<BsonValue> values) => Compare(field, "IN", new BsonArray(values));

    private static BsonExpression Compare(string field, string op, BsonValue value) =>
        BsonExpression.Create($"$.{field} {op} @0", value ?? BsonValue.Null);
}
