/**
 * What the live delta, reports and compare measure against (the `reference` setting): the
 * personal best on the track, this session's best lap, or the library reference. Its own light
 * module so the settings code can name the choices without loading the analysis.
 */
export const REFERENCE_CHOICES = ['best', 'session-best', 'library'] as const;
export type ReferenceChoice = (typeof REFERENCE_CHOICES)[number];
