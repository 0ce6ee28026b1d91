import type { AreaRef, LocateResponse } from "../../../worker/api/schemas.ts";
import { ApiError, getJson } from "./api.ts";

export type LocateFailure = "unsupported" | "denied" | "unavailable" | "outside" | "failed";

export class LocateError extends Error {
  constructor(readonly reason: LocateFailure) {
    super(reason);
    this.name = "LocateError";
  }
}

// About 10 m: finer than any boundary we draw, coarse enough that the request (and any cache
// on the way) does not carry the reader's exact position.
const DECIMALS = 4;

function currentPosition(): Promise<GeolocationPosition> {
  if (!("geolocation" in navigator)) return Promise.reject(new LocateError("unsupported"));
  return new Promise((resolve, reject) =>
    navigator.geolocation.getCurrentPosition(
      resolve,
      (error) => reject(new LocateError(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable")),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    ),
  );
}

/** The smallest area containing the reader's position (the locate endpoint lists coarsest first). */
export async function smallestAreaHere(): Promise<AreaRef> {
  const { coords } = await currentPosition();
  const params = new URLSearchParams({
    lat: coords.latitude.toFixed(DECIMALS),
    lon: coords.longitude.toFixed(DECIMALS),
  });
  let found: LocateResponse;
  try {
    found = await getJson<LocateResponse>(`/api/v1/locate?${params.toString()}`);
  } catch (error) {
    throw new LocateError(error instanceof ApiError && error.isNotFound ? "outside" : "failed");
  }
  const smallest = found.areas[found.areas.length - 1];
  if (!smallest) throw new LocateError("outside");
  return smallest;
}
