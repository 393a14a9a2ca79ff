<#-- The plain-text twin of the digest email. Lines are wrapped to 78 characters after
     rendering; links are written out on lines of their own. -->
<#if weekly>
Your weekly digest, ${weekLong}
${listName} - the week's ${paperCount} top papers<#if topics?has_content>: ${topics?join(", ")}</#if>
<#else>
${listName} - ${dateLong}
${paperCount} trending papers<#if topics?has_content>: ${topics?join(", ")}</#if>
</#if>
<#if viewUrl?has_content>
View in browser: ${viewUrl}
</#if>
<#list sections as section>


== ${section.name} ==
<#if section.trending>
<#list section.papers as p>

- ${p.title}
<#if p.reasons?has_content>  ${p.reasons}
</#if>
<#if p.url?has_content>  ${p.url}
</#if>
<#if p.vote?has_content>  More like this: ${voteUrl}/more/${p.vote}
  Fewer like this: ${voteUrl}/fewer/${p.vote}
</#if>
</#list>
<#else>
<#list section.papers as p>

${p?counter}. ${p.title}
<#if p.reasons?has_content>   ${p.reasons}
</#if>
<#if p.byline?has_content>   ${p.byline}
</#if>
<#if p.tldr?has_content>   TL;DR: ${p.tldr}
</#if>
<#if p.abstract?has_content>   ${p.abstract}
</#if>
<#if p.url?has_content && !p.linkUrls?seq_contains(p.url)>   ${p.url}
</#if>
<#list p.links as l>   ${l.label}: ${l.url}
</#list>
<#if p.vote?has_content>   More like this: ${voteUrl}/more/${p.vote}
   Fewer like this: ${voteUrl}/fewer/${p.vote}
</#if>
</#list>
</#if>
</#list>

--
You get this email because ${email} subscribed to <#if weekly>the weekly digest of </#if>${listName}<#if chosenTopics?has_content> (your topics: ${chosenTopics?join(", ")})</#if>.
Change your topics: ${preferencesUrl}
Unsubscribe: ${unsubscribeUrl}
Archive: ${archiveUrl}
${senderName}, ${postalAddress}
