/** "January 20, 2024" from an API timestamp. */
export function formatDate(timestamp: string): string {
  return new Date(timestamp).toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
}
