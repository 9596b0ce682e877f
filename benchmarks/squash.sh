#!/usr/bin/env bash
# Squash benchmark (issue 30): what a squash saves. Two histories, each measured before and after `squash base:HEAD`:
#   - the sample (samples/AaPanel, base to head): a fresh install (`upgrade` on a new SQLite file);
#   - a generated linear chain of N revisions (default 1,000; each a table, a column and an index, as in
#     benchmarks/Compare): a fresh install, and a run at head (`upgrade` of a database already there).
# "After" is the same build plus the squash that `squash` wrote (the replaced migrations stay in the build, as they do
# for a release or two; a fresh database runs the squash alone). Each time is the median of ROUNDS runs of the whole
# command-line process, before and after taking turns in each round; the ratio after ÷ before is the median of the
# rounds' ratios (publish ratios: the machine may be shared). SQLite only. Not part of ./test.sh or CI.
#
#   benchmarks/squash.sh            # 1,000 revisions, 3 rounds
#   benchmarks/squash.sh 200 5      # 200 revisions, 5 rounds
#
# Work folder: $PANEL_BENCH_WORK (default: a new temp folder), removed at the end unless PANEL_BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
count="${1:-1000}"
rounds="${2:-3}"
work="${PANEL_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/panel-squash-bench.XXXXXX")}"
mkdir -p "$work"
[[ "${PANEL_BENCH_KEEP:-}" == 1 ]] || trap 'rm -rf "$work"' EXIT
export ENVIRONMENT=development
unset DATABASE_URI

build() { # project folder -> its app's dll (a copy of the build, so a build of the tree during the run changes nothing)
    dotnet build "$1" -c Release -nologo -v q -clp:NoSummary >"$1.build.log" 2>&1 || { cat "$1.build.log" >&2; exit 1; }
    cp -r "$1/bin/Release/net10.0" "$1.app"
    echo "$1.app/$(basename "$(ls "$1"/*.csproj)" .csproj).dll"
}

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Seconds of one `upgrade head` by APP on DB: a new file (fresh) or one already at head (at-head).
once() {
    local app="$1" mode="$2" db="$3"
    [[ "$mode" == fresh ]] && rm -f "$db"
    local start; start=$(now)
    dotnet "$app" --database-uri "sqlite:///$db" upgrade head >/dev/null
    echo "$(now) - $start" | bc -l
}

# "median before, median after, median of the rounds' after/before": the two apps take turns in each round.
measure() {
    local before="$1" after="$2" mode="$3" b a
    local bs=() as=() ratios=()
    if [[ "$mode" == at-head ]]; then
        for app in before after; do rm -f "$work/$app.db"; dotnet "${!app}" --database-uri "sqlite:///$work/$app.db" upgrade head >/dev/null; done
    fi
    for round in $(seq 1 "$rounds"); do
        if (( round % 2 )); then b=$(once "$before" "$mode" "$work/before.db"); a=$(once "$after" "$mode" "$work/after.db")
        else a=$(once "$after" "$mode" "$work/after.db"); b=$(once "$before" "$mode" "$work/before.db"); fi
        bs+=("$b") as+=("$a") ratios+=("$(echo "$a / $b" | bc -l)")
    done
    echo "$(printf '%s\n' "${bs[@]}" | median) $(printf '%s\n' "${as[@]}" | median) $(printf '%s\n' "${ratios[@]}" | median)"
}

# Squashes PROJECT's history from base to its head into a copy, PROJECT-squashed, and builds both: prints both dlls.
squashed() {
    local project="$1" before after head
    before="$(build "$project")"
    head="$(dotnet "$before" --database-uri "sqlite:///$work/heads.db" heads | awk '{ print $1 }')"
    rm -rf "$project-squashed" && cp -r "$project" "$project-squashed" && rm -rf "$project-squashed"/{bin,obj}
    dotnet "$before" --database-uri "sqlite:///$work/squash.db" squash "base:$head" -m "Squash to $head" --rev-id squash0001 \
        --output "$project-squashed/Migrations/_squash0001_SquashToHead.cs" >"$project.squash.log" 2>&1 \
        || { cat "$project.squash.log" >&2; exit 1; }
    after="$(build "$project-squashed")"
    echo "$before $after"
}

rows=()
row() { read -r b a r <<<"$2"; rows+=("$(printf '%-34s %9.3f %9.3f %12.2f' "$1" "$b" "$a" "$r")"); }

echo "== the sample, squashed from base to its head" >&2
cp -r samples/AaPanel "$work/sample" && rm -rf "$work/sample"/{bin,obj}
sed -i "s#\.\./\.\./#$repo/#g" "$work/sample/AaPanel.csproj"
read -r before after <<<"$(squashed "$work/sample")"
row "sample: fresh install" "$(measure "$before" "$after" fresh)"

echo "== a generated chain of $count revisions" >&2
chain="$work/chain"
mkdir -p "$chain/Migrations"
cat >"$chain/Chain.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$repo/Panel.Migrations.Runtime/build/Panel.Migrations.props" />
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>Chain</RootNamespace>
    <PanelMigrationsDialects>sqlite</PanelMigrationsDialects>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/Panel.Migrations.Runtime/Panel.Migrations.Runtime.csproj" />
    <ProjectReference Include="$repo/Panel.Migrations.Cli/Panel.Migrations.Cli.csproj" />
    <ProjectReference Include="$repo/Panel.Migrations.Generator/Panel.Migrations.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
  <Import Project="$repo/Panel.Migrations.Runtime/build/Panel.Migrations.targets" />
</Project>
XML
echo 'return await Panel.Migrations.Cli.MigrationCommandLine.RunAsync(args, static () => Chain.MigrationRegistry.Map, Chain.MigrationRegistry.Heads);' >"$chain/Program.cs"
for i in $(seq 1 "$count"); do
    id=$(printf 'r%05d' "$i")
    down=$([[ "$i" == 1 ]] && echo "" || printf ', DownRevision = "r%05d"' $((i - 1)))
    cat >"$chain/Migrations/_${id}.cs" <<CS
using Panel.Migrations;

namespace Chain.Migrations;

[Migration("$id"$down, Message = "table $i")]
public sealed class M$id : Migration
{
    public override void Up(MigrationBuilder op)
    {
        op.Execute("CREATE TABLE t_$i (id integer primary key, name text)");
        op.Execute("ALTER TABLE t_$i ADD COLUMN c text");
        op.Execute("CREATE INDEX ix_$i ON t_$i(name)");
    }

    public override void Down(MigrationBuilder op) => op.Execute("DROP TABLE t_$i");
}
CS
done
read -r before after <<<"$(squashed "$chain")"
row "$count revisions: fresh install" "$(measure "$before" "$after" fresh)"
row "$count revisions: run at head" "$(measure "$before" "$after" at-head)"

echo
echo "median of $rounds round(s), seconds; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %9s %9s %12s\n' "" before after "after÷before"
printf '%s\n' "${rows[@]}"
