Confirm your subscription

Someone, hopefully you, asked to send ${listName} (${frequency}) to ${email}<#if topics?has_content>, on ${topics?join(", ")}<#else>, on every topic</#if>.
Please confirm within 72 hours by opening this link and pressing the button:

${confirmUrl}

If it was not you, ignore this mail: without a confirmation you will get
nothing more.

--
${senderName}, ${postalAddress}
