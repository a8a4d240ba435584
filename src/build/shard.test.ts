/**
 * How --shard K/N deals out a build's files, for any brands and files:
 * shards 1..N together hold every file exactly once, their sizes differ by
 * at most one, and a file's shard does not depend on the order brands or
 * files were listed in.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { parseShard, shareOfPlans } from "./shard.ts";

/** Brands with distinct ids, each with distinct file paths. */
const builds = fc.uniqueArray(
  fc.tuple(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    fc.uniqueArray(fc.stringMatching(/^print\/[a-z0-9-]{1,20}\.(pdf|png)$/), { maxLength: 30 }),
  ),
  {
    selector: ([id]) => id,
    maxLength: 8,
  },
);

const shares = (brands: [string, string[]][], total: number) =>
  Array.from({ length: total }, (_, i) =>
    shareOfPlans(
      brands.map(([id]) => id),
      brands.map(([, paths]) => paths.map((path) => ({ path }))),
      { index: i + 1, total },
    ).flatMap((plan, b) => plan.map((file) => `${brands[b]![0]}/${file.path}`)),
  );

it("gives every file to exactly one shard, in shares that differ by at most one file", () => {
  fc.assert(
    fc.property(builds, fc.integer({ min: 1, max: 9 }), (brands, total) => {
      const all = brands.flatMap(([id, paths]) => paths.map((path) => `${id}/${path}`));
      const dealt = shares(brands, total);
      expect(dealt.flat().sort()).toEqual([...all].sort());
      const sizes = dealt.map((share) => share.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }),
  );
});

it("deals the same way whatever order the brands and files come in", () => {
  fc.assert(
    fc.property(builds, fc.integer({ min: 1, max: 9 }), (brands, total) => {
      const reversed = [...brands].reverse().map(([id, paths]) => [id, [...paths].reverse()] as [string, string[]]);
      expect(shares(reversed, total).map((share) => share.sort())).toEqual(shares(brands, total).map((share) => share.sort()));
    }),
  );
});

it("without a shard, keeps every file", () => {
  const planned = [[{ path: "print/a.pdf" }], [{ path: "print/b.pdf" }]];
  expect(shareOfPlans(["x", "y"], planned, undefined)).toBe(planned);
});

it("reads K/N with 1 <= K <= N, and refuses anything else in one sentence", () => {
  expect(parseShard("2/4")).toEqual({ index: 2, total: 4 });
  for (const bad of ["0/2", "3/2", "1/0", "1", "a/b", "1/2/3", "-1/2"])
    expect(() => parseShard(bad), bad).toThrow(/^--shard: ".*" is not a shard; write K\/N with 1 <= K <= N/);
});
