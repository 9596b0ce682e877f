using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Tests.Execution;

/// <summary>
/// The checksums the migration log records for a fixed set of migrations, written down per database. Every database
/// migrated so far holds such checksums: a change of rendering that changes one makes every applied migration look
/// edited (upgrade refuses, check exits 1). A difference here is therefore a decision to take openly, not a snapshot to
/// refresh: keep the rendering the checksum reads (Pipeline/HistoryCheck) as it was, or make it a new checksum version
/// (HistoryCheck.ChecksumVersion: the old rule is kept to recognise the checksums it stored, which are then recorded
/// again in the new one) and change the values below, keeping the old ones in <see cref="Version1"/>.
/// </summary>
internal static class PinnedChecksums
{
    /// <summary>
    /// The test migrations pinned next to the sample's: a rebuild on SQLite (and an ALTER elsewhere) of hostile names, values
    /// inlined from rows and parameters, a nullability-only batch, an in-place batch, a MySQL change rendered from the
    /// live column.
    /// </summary>
    public static MigrationMap TestMap { get; } = new([
        new MigrationInfo("p1", [], "hostile names", () => new TestMigrations.HostileNames()),
        new MigrationInfo("p2", ["p1"], "values as parameters", () => new WithParameters()),
        new MigrationInfo("p3", ["p2"], "nullability and in place", () => new NullabilityAndInPlace()),
    ]);

    /// <summary>Expected checksum of each revision (the sample's and <see cref="TestMap"/>'s) on each database.</summary>
    public static IReadOnlyDictionary<string, string> For(DatabaseKind database) => database switch
    {
        DatabaseKind.Sqlite => Sqlite,
        DatabaseKind.PostgreSql => PostgreSql,
        DatabaseKind.MySql => MySql,
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, null),
    };

    /// <summary>
    /// The checksums version 1 of the rule logged where version 2 differs: p1 and p3 hold batch parts SQLite and MySQL
    /// cannot render alone (version 1 wrote only their type and table). Databases migrated before checksum versions hold these.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Version1(DatabaseKind database) => database switch
    {
        DatabaseKind.Sqlite => new Dictionary<string, string>
        {
            ["p1"] = "76687c28b72bfb0f3edaa9c24a05e0d24984b01c4dac8ce69fc812038e72d32b",
            ["p3"] = "59ea666d10e7ed44a1dd93459417aa47f4d7a704138616f599c903fb1e0b068c",
        },
        DatabaseKind.MySql => new Dictionary<string, string>
        {
            ["p1"] = "f893c6b8042b796de83af7791708c45a4dac3c691bbfdb5fd04cc0e0cc7d42ae",
            ["p3"] = "6c466e3fc84bd556d38b5d634c7b4cdfb66dcc9551d80128daa0842b5811ac23",
        },
        _ => new Dictionary<string, string>(),
    };

    /// <summary>The dictionary as C# source, for a message that shows the values found.</summary>
    public static string AsSource(IReadOnlyDictionary<string, string> checksums) =>
        string.Join("\n", checksums.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"        [\"{c.Key}\"] = \"{c.Value}\","));

    private static readonly Dictionary<string, string> Sqlite = new()
    {
        ["001"] = "59ea1f6a9dcbb1da7a9d926c3cf13a6b4e10d4db055e82cabaf0153fe98758bd",
        ["0e7a6bfdf9fe"] = "ae43a6671dd0881fad022e629089396799421f4a96ecbd378ddccf38b0358de8",
        ["0fd0242d76ee"] = "a746dc4e3252c645ff5da51db80b8336bd879a8cbc04bdc365c2d53aa125f994",
        ["5a1c0e7d9b21"] = "a0b6d3bfb1aeaf8fcad1354a2a480e0fe4246aad536df01bfd0bc5ec53f9a288",
        ["69e6317080f5"] = "15d9679fc368fd77b4f445a12d2164ed4eea12722bd40ca2c1c090a0192af8c7",
        ["77b32a0cf307"] = "4d1e9cd5333fcfbed6cdae85efb6de228da55ab32e4a4f5d8653d7bd162cd0f0",
        ["8c7222f0b38b"] = "15bb1a94af3e1fab9f8b5b5511e36148932d8de2862386fa88fff8c6a427787a",
        ["93b057731d7c"] = "9aaa4221ffe874ecacfceef6a7bb9467d2889a8d502d73e13275c96717cef916",
        ["b33b0e9ade3e"] = "0ae5b4909cb2bfaaff54c668e5c3b27bf72e0feead7adf97636f1cf0b4bfd105",
        ["b44225f914de"] = "92f112d2727fec255aa70f7f3e0a91608c859e8f792931600b61b82af3b76a45",
        ["e7bc2a2f2252"] = "0c14f25833e53dd9ddf37eb845d61e1d5089e030e0c54f3b37134f83ed78eede",
        ["e9ed90707fac"] = "a25037c2a863b9c2c49955bca37bc5fd87abc58ac83ec31a71774c8f782ccf0b",
        ["p1"] = "606dbac8bbc7102e095d33676a9fec3d6d5ea66bb2af5d57f349df38bfad3444",
        ["p2"] = "72afe62491c76e23eff8ef7fda8cd57e376b7f5e033573bb8a90ab4cbb472930",
        ["p3"] = "ff5235b9d5d67ef60f3d136b81f8435c837a8e3062683555638b627d137a78da",
    };

    private static readonly Dictionary<string, string> PostgreSql = new()
    {
        ["001"] = "6a779c154169c44f9747a1a9aeadd0d6639b18e40ee4c884659fa0957f5ea3ee",
        ["0e7a6bfdf9fe"] = "be6be09ea5daf9b10df3f94bf56e8b96ad9f7824ebeb372b52ef145fdda847be",
        ["0fd0242d76ee"] = "716aa283853bc19158f54cd6fc62eddbaf38394cbe1be31d16c81c0090785285",
        ["5a1c0e7d9b21"] = "6936c30589dfb660c47fcaa9779a8c2f800f463bf7b7aa9f7b9458ec3d63c99e",
        ["69e6317080f5"] = "735afd9a511e954d68641512e8fe280c4aabda52ddf79db1ef12eecd3570baf7",
        ["77b32a0cf307"] = "1b77edd3ccb98fef3c5306f390ae1b471eae3be5c48649159c1a3d7573dfbdd3",
        ["8c7222f0b38b"] = "18e86e6144ff46b3bdbdc586411541c4afdeb6fa9ad0d13aa6a7e7ccf2274550",
        ["93b057731d7c"] = "de42e0cb47a78f5f35095faec4fe832b24af024e4a37f9c10a10aeeb01b3cc95",
        ["b33b0e9ade3e"] = "7c5e8ea7ba325fd949055b88c9735ad6e0c3e38623f996237dc47d5489574339",
        ["b44225f914de"] = "56fb4916ad1dffa298859f13dd2695e16cd55c4afd44397d89cefea69ab665c8",
        ["e7bc2a2f2252"] = "18d728f2cb7c6f1e1dd4ad91cb585f63af709d61e04f6d91159719260865f478",
        ["e9ed90707fac"] = "ea9bd3e7dd35f3d8b79a330ce153a98df4e99f1c4af6728854d70a1b7df2153f",
        ["p1"] = "15e72e021ebe43702befd8deb9b5d67f6dab437f511c4836c9673224be7956ef",
        ["p2"] = "8c4c3f266a3c4dddad846ef55819f9b7f2c61fda63a0b0ec64a5d3b905cfa01a",
        ["p3"] = "daa0c8aec849bb3cc0099024959f6a8431b821fab339cd4750a9ee12d9e9909f",
    };

    private static readonly Dictionary<string, string> MySql = new()
    {
        ["001"] = "9e5cb34460f7820d8a65b4a506a885cfa935aaac65b67ec2d914178ac9f8f0f2",
        ["0e7a6bfdf9fe"] = "e3b81bdd71a3a6d95979a103b2a5f44c6b36421981700bcba385a7426f9d43f9",
        ["0fd0242d76ee"] = "d3f8e433f2e237fb11298675d3fc1447402736f7b111e5c00a66d3bb1de91275",
        ["5a1c0e7d9b21"] = "70f7ad911baa5af00efd36d936c54be65f1eb267e00d54121770226c3f034134",
        ["69e6317080f5"] = "48747d09001582feea5a812d2be6fb955814526c41f33db9d367557cacd6dc18",
        ["77b32a0cf307"] = "9da6954e695f7e719e5ec9d26680e589c3b294ef812141c971c6f8e872566b73",
        ["8c7222f0b38b"] = "ea6b5b884abf6767961fdd65dbd234b4acc24f350ba2377dc49c578ab58daf8c",
        ["93b057731d7c"] = "299a1a2f04b9cbae98b0a5228695fa21566f072a8c18d8cd733b0a4d4a91c633",
        ["b33b0e9ade3e"] = "b9287d1635e79b706d43e614e16b858aa1b311b6f24d34def790029566b52e0a",
        ["b44225f914de"] = "b77de8e0b319485f36963d7066a4b6e962911cfedc005159e2dcaf6a3f847d04",
        ["e7bc2a2f2252"] = "3f9e5ffefebab7c509d5a6ae4f8e710eb68869538b9c986977c87438ce2421d2",
        ["e9ed90707fac"] = "43900abdbd243e02d951681c7f5823ac7c269ab42b9f33c1575229ddf78a872f",
        ["p1"] = "0c6ca3157e97a8c17ba97b2e4e46004588d410f59af8df4fd560237c2bf83f2b",
        ["p2"] = "568b95a61eb48917fb93e38b68d3d305cd70bd2078a659c27a1353accc19bf38",
        ["p3"] = "8bd16f9559e7b8d3ebd0f3d479d9d5bfd782c1b45436a647839ff60a2d3fcd8f",
    };

    /// <summary>Values that reach the checksum as literals: a statement's parameters and inserted rows of several types.</summary>
    private sealed class WithParameters : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.CreateTable("p_values", t => t
                .Column("id", SqlType.Integer, primaryKey: true)
                .Column("note", SqlType.Text)
                .Column("price", SqlType.Decimal(10, 2))
                .Column("active", SqlType.Boolean, nullable: false, serverDefault: "1"));
            op.InsertRows("p_values", ["id", "note", "price"], [[1, "it's", 12.5m], [2, null, 0m]]);
            op.Execute("UPDATE p_values SET note = @note WHERE id = @id", new SqlArgument("note", "ل'ن"), new SqlArgument("id", 2));
        }

        public override void Down(MigrationBuilder op) => op.DropTable("p_values");
    }

    /// <summary>A nullability-only batch (in place on SQLite 3.53+, else a rebuild) and a batch SQLite makes in place.</summary>
    private sealed class NullabilityAndInPlace : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            op.BatchAlterTable("p_values", t => t.AlterColumn("note", nullable: false));
            op.BatchAlterTable("p_values", t => t.AddColumn("added", SqlType.String(20), serverDefault: "'x'"));
            op.CreateIndex("ix_p_values_added", "p_values", ["added"]);
        }

        public override void Down(MigrationBuilder op)
        {
            op.DropIndex("ix_p_values_added", "p_values");
            op.BatchAlterTable("p_values", t =>
            {
                t.DropColumn("added");
                t.AlterColumn("note", nullable: true);
            });
        }
    }
}
