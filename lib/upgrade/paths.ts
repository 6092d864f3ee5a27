/** Where the upgrade gate keeps its files, relative to the app's root (the directory of cdk.json). */

/** The golden templates: what is deployed, one file per stack. */
export const GOLDEN_DIR = 'test/upgrade/golden';

/** The declared intended replacements and removals, each with its reason. */
export const INTENDED_FILE = 'test/upgrade/intended-replacements.json';
