import { ref } from 'vue'

export const THEME_CHOICES = ['auto', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]

const STORAGE_KEY = 'seqvae-theme'

function storedChoice(): ThemeChoice {
  const stored = localStorage.getItem(STORAGE_KEY)
  return THEME_CHOICES.find((choice) => choice === stored) ?? 'auto'
}

function apply(choice: ThemeChoice): void {
  // `auto` leaves the choice to the system through `color-scheme: light dark` in theme.css.
  if (choice === 'auto') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = choice
}

/** Before the first paint, so a dark-theme user never sees a white flash. */
export function applyStoredTheme(): void {
  apply(storedChoice())
}

const current = ref<ThemeChoice>('auto')

/** The user's theme choice: auto (follow the system), light or dark; remembered across launches. */
export function useTheme() {
  current.value = storedChoice()
  return {
    theme: current,
    setTheme(choice: ThemeChoice) {
      current.value = choice
      localStorage.setItem(STORAGE_KEY, choice)
      apply(choice)
    },
  }
}
