/** A fresh seed for a re-roll; shown in its field, so the grid it gave can be brought back by typing it. */
export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}
