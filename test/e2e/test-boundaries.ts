/**
 * Boundaries for a few demo areas, for the browser tests of the maps and "use my location" while
 * the demo database has none: rectangles tiling a box, one per child, with exterior rings
 * counter-clockwise as RFC 7946 asks (the map must handle either winding).
 */
export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface TestBoundary {
  code: string;
  level: string;
  box: Box;
}

export const TEST_SOURCE_ID = "e2e-test-boundaries";

/** Split `box` into a grid with `cols` columns, one cell per code, row by row from the north-west. */
export function tile(box: Box, codes: readonly string[], level: string, cols: number): TestBoundary[] {
  const rows = Math.ceil(codes.length / cols);
  const w = (box.east - box.west) / cols;
  const h = (box.north - box.south) / rows;
  return codes.map((code, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    // The last row's final cell stretches to the east edge, so the cells tile the box exactly.
    const last = i === codes.length - 1;
    const west = box.west + col * w;
    return {
      code,
      level,
      box: { west, east: last ? box.east : west + w, north: box.north - row * h, south: box.north - (row + 1) * h },
    };
  });
}

function ring(b: Box): number[][] {
  // Counter-clockwise: SW, SE, NE, NW, SW.
  return [
    [b.west, b.south],
    [b.east, b.south],
    [b.east, b.north],
    [b.west, b.north],
    [b.west, b.south],
  ];
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** SQL that stores the boundaries (keeping any that already exist) and credits their source. */
export function boundariesSql(items: readonly TestBoundary[]): string {
  const rows = items.map(({ code, level, box }) => {
    const geometry = JSON.stringify({ type: "Polygon", coordinates: [ring(box)] });
    return `(${q(code)}, ${q(level)}, ${q(geometry)}, ${box.west}, ${box.south}, ${box.east}, ${box.north}, ${q(TEST_SOURCE_ID)})`;
  });
  return [
    `INSERT OR IGNORE INTO sources (id, name, publisher, licence, url) VALUES (${q(TEST_SOURCE_ID)}, 'Test boundaries', 'Områdemonitor (test)', 'CC BY 4.0', NULL);`,
    `INSERT OR IGNORE INTO boundaries (code, level, geometry, min_lon, min_lat, max_lon, max_lat, source_id) VALUES ${rows.join(", ")};`,
  ].join("\n");
}
