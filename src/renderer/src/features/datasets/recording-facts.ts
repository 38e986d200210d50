import { formatRecordingTime, type RecordingSummary, type TimeSpan } from '../../../../shared/recordings'
import { formatCount } from '../../lib/format/number-format'

/** The rows a recording dataset's page adds: its time axis, its windows, and its split in time. */
export function recordingFacts(r: RecordingSummary): { label: string; value: string }[] {
  const time = (t: number) => formatRecordingTime(t, r.timeFormat)
  const at = (i: number) => formatRecordingTime(r.overview.times[Math.min(r.overview.times.length - 1, Math.floor(i / r.overview.every))], r.timeFormat)
  const span = (s: TimeSpan) => `${at(s.from)} → ${at(s.to - 1)}`
  const { layout, defaultSplit: split } = r
  return [
    {
      label: 'Recording',
      value: `${formatCount(layout.timestamps)} timestamps, ${time(r.firstTime)} → ${time(r.lastTime)} (${r.timeFormat}${r.resample ? `, resampled to ${r.resample}` : ''}; missing values: ${r.missing})`,
    },
    { label: 'Windows', value: `${formatCount(layout.window)} steps every ${formatCount(layout.stride)} timestamps` },
    {
      label: 'Split by time',
      value:
        `training ${formatCount(split.trainWindows)} windows (${span(split.train)}) · validation ${formatCount(split.valWindows)} (${span(split.val)}, the pool's last ${Math.round(split.valFraction * 100)} %) · ` +
        `evaluation ${formatCount(layout.testWindows)} (${span(layout.test)}); a window's gap between each`,
    },
  ]
}
