/** Leaves the console for another site in this tab (the identity provider's sign-in or sign-out page). */
export function leaveFor(url: URL): void {
  location.assign(url);
}
