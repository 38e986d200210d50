/** How a class label reads: its name, with the number in front where the name is not the number itself. */
export function classLabel(label: number, classNames: readonly string[] | null | undefined): string {
  if (label < 0) return 'unlabelled'
  const name = classNames?.[label]
  return name === undefined || name === String(label) ? String(label) : `${label} · ${name}`
}
