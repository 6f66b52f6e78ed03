// Menu labels (merged into `nav`) and the waste feature's messages (under `waste`).
export const enUSWasteNav = {
  wasteLookup: 'Sorting lookup',
  wasteDictionary: 'Sorting dictionary',
}

export const enUSWaste = {
  categories: { recyclable: 'Recyclable', hazardous: 'Hazardous', wet: 'Wet (food)', dry: 'Dry (residual)' },
  forms: {
    name: 'name',
    alias: 'alias',
    pinyin: 'pinyin',
    initials: 'pinyin initials',
    typo: 'similar spelling',
    homophone: 'homophone',
    partial: 'partial match',
  },
  lookup: {
    title: 'Waste sorting lookup',
    placeholder: 'Type an item, e.g. 奶茶杯, naichabei, ncb',
    hint: 'Chinese, pinyin or pinyin initials; one wrong character is fine.',
    matched: 'Found by {{form}} “{{text}}”',
    reason: 'Why: ',
    disposal: 'How to put it out: ',
    guessBadge: 'Guess · {{pct}}% sure',
    guessNote:
      'This item is not in the dictionary; the answer is a guess from similar items. If unsure, ask the volunteer on duty.',
    unknown: 'Not sure',
    unknownNote:
      'We do not know this item yet. The query was logged anonymously and staff will add it; please ask the volunteer on duty.',
    more: 'Other results',
    similar: 'Similar items',
  },
  spoken: {
    item: '{{name}} is {{category}}. {{reason}} {{disposal}}',
    guess: '{{query}} is not in the dictionary; it is probably {{category}}, {{pct}} percent sure.',
    unknown: 'Sorry, we are not sure what {{query}} is. Please ask the volunteer on duty.',
  },
  speech: {
    mute: 'Mute',
    unmute: 'Sound on',
    on: 'Read aloud: on',
    off: 'Read aloud: off',
    unsupported: 'This device cannot speak answers',
  },
  kiosk: {
    title: 'Waste sorting · Look it up',
    hint: 'Type an item: the screen shows its colour and speaks the answer. Blue recyclable, red hazardous, brown wet, black dry.',
    open: 'Open kiosk screen',
  },
  dictionary: {
    title: 'Waste sorting dictionary',
    items: 'Items',
    misses: 'Queries not found',
    missesNote:
      'Names people searched for that the dictionary lacks (anonymous: text, count and time only); add them as items.',
    search: 'Name, pinyin or initials',
    add: 'Add item',
    addThis: 'Add as item',
    edit: 'Correct',
    save: 'Save',
    saved: 'Saved; the lookup uses it at once',
    name: 'Name',
    category: 'Category',
    aliases: 'Aliases',
    reason: 'Reason',
    disposal: 'Disposal hint',
    source: 'Source',
    sources: { seed: 'Built-in', staff: 'Added by staff' },
    query: 'Query',
    count: 'Count',
    lastSeen: 'Last seen',
  },
}
