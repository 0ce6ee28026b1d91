import { describe, expect, it } from "vitest";
import { trend } from "../../worker/stats/trend";

const share = (numerator: number, denominator: number) => ({
  value: (100 * numerator) / denominator, numerator, denominator, status: null,
});
const amount = (value: number) => ({ value, numerator: null, denominator: null, status: null });

describe("trend", () => {
  it("calls a large, well-measured change rising or falling", () => {
    expect(trend(share(1000, 10000), share(1300, 10000))).toBe("rising");
    expect(trend(share(1300, 10000), share(1000, 10000))).toBe("falling");
  });

  it("calls the same percentage change in a small area 'stable': it is within the noise", () => {
    // 10 % → 13 % of 100 people: z ≈ 0.67.
    expect(trend(share(10, 100), share(13, 100))).toBe("stable");
  });

  it("handles shares of 0 and of everyone: an interval, not a zero standard error", () => {
    expect(trend(share(0, 30), share(0, 30))).toBe("stable");
    expect(trend(share(0, 30), share(2, 30))).toBe("stable");
    expect(trend(share(0, 30), share(12, 30))).toBe("rising");
    expect(trend(share(30, 30), share(18, 30))).toBe("falling");
  });

  it("uses a relative tolerance for amounts without counts", () => {
    expect(trend(amount(500000), amount(510000))).toBe("stable");
    expect(trend(amount(500000), amount(540000))).toBe("rising");
    expect(trend(amount(82), amount(79))).toBe("falling");
  });

  it("is unknown when either end is missing or suppressed", () => {
    expect(trend(null, share(1, 2))).toBe("unknown");
    expect(trend(share(10, 100), { value: null, numerator: null, denominator: null, status: ":" })).toBe("unknown");
  });
});
