// A photo another section asks the Explain section to open ("Explain this photo" in a confusion-matrix
// cell): kept here between the click and the Explain section's first render, then taken once.

const requested = new Map<string, number>();

export function requestExplanation(project: string, imageId: number): void {
  requested.set(project, imageId);
}

/** The photo asked for in this project, if any; asking again returns null until the next request. */
export function takeRequestedImage(project: string): number | null {
  const imageId = requested.get(project) ?? null;
  requested.delete(project);
  return imageId;
}
