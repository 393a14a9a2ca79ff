<#-- The plain-text twin of the digest email. Lines are wrapped to 78 characters after
     rendering; links are written out on lines of their own. -->
${listName} - ${dateLong}
${paperCount} trending papers: ${topics?join(", ")}
<#list sections as section>


== ${section.name} ==
<#list section.papers as p>

${p?counter}. ${p.title}
<#if p.byline?has_content>   ${p.byline}
</#if>
<#if p.abstract?has_content>   ${p.abstract}
</#if>
<#if p.reasons?has_content>   Why: ${p.reasons}
</#if>
<#if p.url?has_content && !p.linkUrls?seq_contains(p.url)>   ${p.url}
</#if>
<#list p.links as l>   ${l.label}: ${l.url}
</#list>
</#list>
</#list>

--
You get this email because ${email} subscribed to ${listName}.
Change your topics: ${preferencesUrl}
Unsubscribe: ${unsubscribeUrl}
${senderName}, ${postalAddress}
