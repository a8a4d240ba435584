/** An ICC profile's data colour space is four bytes at offset 16 (ICC.1:2010, 7.2.6): "CMYK" for a press profile. */
export const isCmykProfile = (profile: Uint8Array) => Buffer.from(profile.subarray(16, 20)).toString("latin1") === "CMYK";
