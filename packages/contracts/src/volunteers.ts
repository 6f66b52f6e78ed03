/** Request and response schemas of the volunteers API. */
export {}
