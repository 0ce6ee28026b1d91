import { geoPath, geoTransverseMercator } from "d3-geo";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { projectShapes, projectShapesInSlices, transverseMercator } from "../../web/src/components/map/project";

/** Longitude and latitude within Norway's mainland and Svalbard's reach. */
const point = fc.tuple(fc.double({ min: 4, max: 31, noNaN: true }), fc.double({ min: 57.5, max: 80, noNaN: true }));

describe("maps are projected as d3-geo's Transverse Mercator projects them", () => {
  it("gives every point where d3-geo puts it, up to the fit's scale and offset", () => {
    fc.assert(
      fc.property(fc.double({ min: 5, max: 30, noNaN: true }), point, point, (lon0, p, q) => {
        const d3 = geoTransverseMercator().rotate([-lon0, 0]).scale(1).translate([0, 0]);
        const ours = transverseMercator(lon0);
        const [a, b] = [d3(p)!, d3(q)!];
        const [c, d] = [ours(...p), ours(...q)];
        expect(c[0] - d[0]).toBeCloseTo(a[0] - b[0], 9);
        expect(c[1] - d[1]).toBeCloseTo(a[1] - b[1], 9);
      }),
      { numRuns: 2000 },
    );
  });

  it("fits the areas in the box as d3-geo's fitWidth and fitExtent do, and draws them where d3 draws them", () => {
    // Two kommune-sized squares, one with a hole, far apart (a tall fylke-like extent).
    const square = (lon: number, lat: number, size: number) => [
      [lon, lat],
      [lon, lat + size],
      [lon + size * 2, lat + size],
      [lon + size * 2, lat],
      [lon, lat],
    ];
    const features = [
      { type: "Feature" as const, properties: { code: "a", name: "A" }, geometry: { type: "Polygon" as const, coordinates: [square(5, 58, 0.5), square(5.2, 58.1, 0.1).reverse()] } },
      { type: "Feature" as const, properties: { code: "b", name: "B" }, geometry: { type: "MultiPolygon" as const, coordinates: [[square(10, 63, 0.3)], [square(11, 64, 0.2)]] } },
    ];
    const { height, shapes } = projectShapes(features, 600, 8, 1.3);

    // The same fit with d3-geo, vertex by vertex (no resampling between them).
    const collection = { type: "FeatureCollection" as const, features };
    const projection = geoTransverseMercator().rotate([-(5 + 11.4) / 2, 0]).precision(0);
    projection.fitWidth(600 - 16, collection);
    const natural = geoPath(projection).bounds(collection)[1][1];
    expect(height).toBe(Math.round(Math.min(Math.max(natural, 240), 780) + 16));
    projection.fitExtent([[8, 8], [592, height - 8]], collection);
    const at = (lon: number, lat: number) => projection([lon, lat])!.map((v) => Math.round(v * 10) / 10).join(",");
    expect(shapes.map((s) => s.code)).toEqual(["a", "b"]);
    expect(shapes[0]!.d.startsWith(`M${at(5, 58)}L${at(5, 58.5)}`)).toBe(true);
    expect(shapes[0]!.d.match(/M/g)).toHaveLength(2); // outer ring and hole
    expect(shapes[1]!.d).toContain(`M${at(11, 64)}`);
    // The centre of a lone square lies inside it; a square with a hole keeps it near its middle.
    const [cx, cy] = shapes[0]!.centroid;
    const [x0, y1] = projection([5, 58])!;
    const [x1, y0] = projection([6, 58.5])!;
    expect(cx).toBeGreaterThan(x0);
    expect(cx).toBeLessThan(x1);
    expect(cy).toBeGreaterThan(y0);
    expect(cy).toBeLessThan(y1);
  });

  it("projects in slices exactly what it projects at once, handing control back between slices", async () => {
    // 95 small squares along the coast: slices of 40 give two breaks in each of the two passes.
    const features = Array.from({ length: 95 }, (_, i) => ({
      type: "Feature" as const,
      properties: { code: String(i), name: `Area ${i}` },
      geometry: { type: "Polygon" as const, coordinates: [[[5 + i * 0.2, 58 + i * 0.15], [5 + i * 0.2, 58.1 + i * 0.15], [5.2 + i * 0.2, 58.1 + i * 0.15], [5 + i * 0.2, 58 + i * 0.15]]] },
    }));
    const breaks = vi.spyOn(globalThis, "setTimeout");
    try {
      const sliced = await projectShapesInSlices(features, 600, 8, 1.3, 40);
      expect(breaks).toHaveBeenCalledTimes(4);
      expect(sliced).toEqual(projectShapes(features, 600, 8, 1.3));
    } finally {
      breaks.mockRestore();
    }
  });
});
