// Generated; see scripts/gen-unicode-names.py
export const NAME_TABLE = '';
