// The hidden line by which a run finds its own pull request comment (and drift issue) again: the
// run's subject as it is, or, when that is longer than a line (a long config), its start and a
// hash, so that the same files always find the same comment and other files never do.
import { commentMarker, markerKey } from '../../src/report/comment.js'

describe('the marker of a comment', () => {
  it('names a short subject as it is', () => {
    expect(commentMarker('platform')).toBe('<!-- tfe-module-sharing-action: platform -->')
    expect(markerKey('a'.repeat(120))).toBe('a'.repeat(120))
  })

  it('names a long subject by its start and a hash: the same each run, apart for other files', () => {
    const patterns = (last: string) =>
      `sharing files sharing/*.yml, ${Array.from({ length: 40 }, (_, i) => `!sharing/retired/team-${i}.yml`).join(', ')}, ${last}`
    const first = patterns('!sharing/old/a.yml')
    const key = markerKey(first)
    expect(key).toMatch(
      /^sharing files sharing\/\*\.yml, !sharing\/retired\/team-0\.yml.*… #[0-9a-f]{16}$/
    )
    expect(key.length).toBeLessThanOrEqual(120)
    expect(key.startsWith(first.slice(0, 96))).toBe(true)
    expect(markerKey(patterns('!sharing/old/a.yml'))).toBe(key)
    // Another step's config, the same but for its last pattern: another comment.
    expect(markerKey(patterns('!sharing/old/b.yml'))).not.toBe(key)
    expect(markerKey('a'.repeat(121))).toMatch(/^a{96}… #[0-9a-f]{16}$/)
  })
})
