/** Request and response schemas of the surveys API. */
export {}
