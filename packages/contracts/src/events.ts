/** Request and response schemas of the events API. */
export {}
