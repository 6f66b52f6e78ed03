/** Request and response schemas of the enterprise API. */
export {}
